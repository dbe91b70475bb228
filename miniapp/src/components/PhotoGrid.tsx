import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';

/** Photos of a request (the resident's, or the handler's feedback); tap one to see it full size. */
export function PhotoGrid({ urls, title, id }: { urls: string[]; title: string; id: string }) {
  if (urls.length === 0) return null;
  return (
    <View className='photo-grid' id={id}>
      <Text className='photo-grid__title'>{title}</Text>
      <View className='photos'>
        {urls.map((url, i) => (
          <View key={url} className='photo'>
            <Image className='photo__img' src={url} mode='aspectFill' onClick={() => void Taro.previewImage({ urls, current: urls[i] })} />
          </View>
        ))}
      </View>
    </View>
  );
}
